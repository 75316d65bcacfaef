import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from '@playwright/test';

export type ReceivedMail = { to: string; subject: string; text: string; html: string };

/** Waits for a message the app sent to the test SMTP server (e2e/smtp-sink.ts) that matches. */
export async function waitForMail(match: (mail: ReceivedMail) => boolean): Promise<ReceivedMail> {
  const dir = path.resolve(process.env.DEMARC_E2E_MAIL_DIR ?? '.data/e2e-mail');
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      async () => {
        for (const name of await readdir(dir)) {
          const mail = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as ReceivedMail;
          if (match(mail)) found = mail;
        }
        return Boolean(found);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}
