'use server';
import { z } from 'zod';
import { orgAction } from '@/lib/action';
import { loadStarterLibrary } from './library.data';

export const loadStarterLibraryAction = orgAction(z.object({}), loadStarterLibrary);
