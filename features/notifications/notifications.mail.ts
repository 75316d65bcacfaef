import { escapeHtml, type OutgoingMail } from '@/lib/mail';
import { KIND_LABELS, type NotificationKind } from './notifications.policy';

/** What one message is made of: rows of ONE organization only (the callers group by organization). */
export type MailItem = { kind: string; title: string; body: string; link: string };
export type MailContext = { to: string; orgName: string; origin: string; unsubscribeUrl: string; kind: NotificationKind };

const footer = (ctx: MailContext) =>
  `You get this from Demarc as a member of ${ctx.orgName}. Stop these (${KIND_LABELS[ctx.kind].toLowerCase()}): ${ctx.unsubscribeUrl}`;

function html(ctx: MailContext, heading: string, sections: { title?: string; items: MailItem[] }[]): string {
  const items = (list: MailItem[]) =>
    list
      .map(
        (n) =>
          `<li><a href="${escapeHtml(ctx.origin + n.link)}">${escapeHtml(n.title)}</a>${n.body ? `<br>${escapeHtml(n.body)}` : ''}</li>`,
      )
      .join('');
  return [
    `<!doctype html><html><body style="font-family:sans-serif">`,
    `<p><strong>${escapeHtml(ctx.orgName)}</strong></p><h1 style="font-size:18px">${escapeHtml(heading)}</h1>`,
    ...sections.map((s) => `${s.title ? `<h2 style="font-size:15px">${escapeHtml(s.title)}</h2>` : ''}<ul>${items(s.items)}</ul>`),
    `<p style="color:#555;font-size:12px">You get this from Demarc as a member of ${escapeHtml(ctx.orgName)}. `,
    `<a href="${escapeHtml(ctx.unsubscribeUrl)}">Unsubscribe from these</a>.</p></body></html>`,
  ].join('');
}

/** One notification, told at once. */
export function singleMail(ctx: MailContext, item: MailItem): OutgoingMail {
  const text = [item.title, '', ...(item.body ? [item.body, ''] : []), `Open: ${ctx.origin}${item.link}`, '', '--', footer(ctx)].join('\n');
  return {
    to: ctx.to,
    subject: `[${ctx.orgName}] ${item.title}`,
    text,
    html: html(ctx, item.title, [{ items: [item] }]),
    unsubscribeUrl: ctx.unsubscribeUrl,
  };
}

/** Several notifications of one organization in one message, grouped by kind. */
export function digestMail(ctx: MailContext, subject: string, items: MailItem[]): OutgoingMail {
  const groups = new Map<string, MailItem[]>();
  for (const item of items) groups.set(item.kind, [...(groups.get(item.kind) ?? []), item]);
  const sections = [...groups].map(([kind, list]) => ({ title: KIND_LABELS[kind as NotificationKind] ?? kind, items: list }));
  const text = [
    subject,
    '',
    ...sections.flatMap((s) => [
      `${s.title} (${s.items.length})`,
      ...s.items.map((n) => `- ${n.title}${n.body ? ` — ${n.body}` : ''}\n  ${ctx.origin}${n.link}`),
      '',
    ]),
    '--',
    footer(ctx),
  ].join('\n');
  return {
    to: ctx.to,
    subject: `[${ctx.orgName}] ${subject}`,
    text,
    html: html(ctx, subject, sections),
    unsubscribeUrl: ctx.unsubscribeUrl,
  };
}
