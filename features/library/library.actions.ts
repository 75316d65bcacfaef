'use server';
import { z } from 'zod';
import { orgAction } from '@/lib/action';
import { loadStarterLibrary } from './library.data';

export const loadStarterLibraryAction = orgAction(
  { name: 'loadStarterLibrary', permission: 'library.load', schema: z.object({}) },
  loadStarterLibrary,
);
