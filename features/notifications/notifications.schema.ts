import { z } from 'zod';
import { NOTIFICATION_KINDS } from './notifications.policy';

export const DELIVERIES = ['IMMEDIATE', 'WEEKLY', 'OFF'] as const;

export const DELIVERY_LABELS: Record<(typeof DELIVERIES)[number], string> = {
  IMMEDIATE: 'At once',
  WEEKLY: 'Weekly digest',
  OFF: 'Off',
};

export const markNotificationReadSchema = z.object({ id: z.string().min(1, 'Choose a notification.') });
export const markAllNotificationsReadSchema = z.object({});

export const savePreferencesSchema = z.object({
  preferences: z
    .array(
      z.object({
        kind: z.enum(NOTIFICATION_KINDS),
        delivery: z.enum(DELIVERIES, 'Choose at once, weekly digest or off.'),
        version: z.coerce.number().int().min(0),
      }),
    )
    .min(1)
    .max(NOTIFICATION_KINDS.length)
    .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, 'Each kind once.'),
});
export type SavePreferencesInput = z.input<typeof savePreferencesSchema>;
