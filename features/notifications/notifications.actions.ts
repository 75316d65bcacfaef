'use server';
import { ANY_MEMBER, orgAction, sessionInputAction } from '@/lib/action';
import { markAllNotificationsRead, markNotificationRead, savePreferences } from './notifications.data';
import { markAllNotificationsReadSchema, markNotificationReadSchema, savePreferencesSchema } from './notifications.schema';

/** Every member reads their own notifications: the data functions scope by user and organization. */
export const markNotificationReadAction = orgAction(
  { name: 'markNotificationRead', permission: ANY_MEMBER, schema: markNotificationReadSchema },
  markNotificationRead,
);
export const markAllNotificationsReadAction = orgAction(
  { name: 'markAllNotificationsRead', permission: ANY_MEMBER, schema: markAllNotificationsReadSchema },
  markAllNotificationsRead,
);

/** The signed-in account's own choices, from the account page. */
export const saveNotificationPreferencesAction = sessionInputAction(
  { name: 'saveNotificationPreferences', schema: async () => savePreferencesSchema },
  savePreferences,
);
