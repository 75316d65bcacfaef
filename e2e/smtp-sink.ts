// The browser suite's SMTP server (started by playwright.config.ts): every message the app sends is
// written, parsed, as one JSON file in DEMARC_E2E_MAIL_DIR for the specs to read (e2e/mail.ts).
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startTestSmtp } from '../test/smtp';

const dir = path.resolve(process.env.DEMARC_E2E_MAIL_DIR ?? '.data/e2e-mail');
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const smtp = await startTestSmtp(async (mail) => {
  const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
  const file = path.join(dir, `${Date.now()}-${randomUUID()}.json`);
  await writeFile(file, JSON.stringify({ to, subject: mail.subject ?? '', text: mail.text ?? '', html: mail.html || '' }));
}, Number(process.env.DEMARC_E2E_SMTP_PORT));
console.log(`[e2e] SMTP on ${smtp.url}, messages in ${dir}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void smtp.stop().then(() => process.exit(0)));
