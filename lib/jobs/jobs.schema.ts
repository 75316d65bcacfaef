import { z } from 'zod';

export const runJobNowSchema = z.object({ name: z.string().min(1, 'Choose a job.').max(100) });
