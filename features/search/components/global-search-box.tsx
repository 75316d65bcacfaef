'use client';
import { useEffect, useRef } from 'react';

/** Typing into these must not be taken over by the "/" shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The header's search box: a plain GET form to the search page (works without JavaScript), and
 * two shortcuts that focus it from anywhere: "/" (when not typing in a field) and Ctrl+K / ⌘K.
 */
export function GlobalSearchBox({ orgSlug }: { orgSlug: string }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const commandK = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
      if (!commandK && !slash) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <form action={`/${orgSlug}/search`} method="get" role="search" className="flex items-center">
      <label htmlFor="global-search" className="sr-only">
        Search controls, requirements, evidence and systems
      </label>
      <input
        ref={input}
        id="global-search"
        type="search"
        name="q"
        maxLength={200}
        placeholder="Search  ( / )"
        aria-keyshortcuts="/ Control+K Meta+K"
        className="w-44 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm focus:w-64 focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
      />
    </form>
  );
}
