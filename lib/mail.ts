import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';

/**
 * E-mail through SMTP, configured by SMTP_URL (e.g. smtp://user:pass@smtp.example.com:587) and
 * MAIL_FROM. Without SMTP_URL, e-mail is off: notifications stay in the app.
 */
export function mailEnabled(): boolean {
  return Boolean(process.env.SMTP_URL);
}

/** The public origin of the app, for links in messages: NEXTAUTH_URL, as `npm start` sets it. */
export function appOrigin(): string {
  return (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`).replace(/\/+$/, '');
}

export function mailFrom(): string {
  return process.env.MAIL_FROM ?? 'Demarc <demarc@localhost>';
}

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The one-click unsubscribe address (RFC 8058): sent as List-Unsubscribe with List-Unsubscribe-Post. */
  unsubscribeUrl?: string;
};

let cached: { url: string; transport: Transporter } | undefined;

function transport(): Transporter {
  const url = process.env.SMTP_URL;
  if (!url) throw new Error('E-mail is off: SMTP_URL is not set.');
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

/** Sends one message; throws when the SMTP server refuses it (the caller retries later). */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  await transport().sendMail({
    from: mailFrom(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.unsubscribeUrl
      ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
      : undefined,
  });
}

/** Escapes text for an HTML body: nothing a member typed is ever markup in a message. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
