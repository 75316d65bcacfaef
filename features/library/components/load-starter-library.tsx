'use client';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { loadStarterLibraryAction } from '../library.actions';

export function LoadStarterLibrary({
  orgSlug,
  name,
  total,
  present,
  checkMappingsMissing = 0,
  checkMappingsRetired = 0,
}: {
  orgSlug: string;
  name: string;
  total: number;
  present: number;
  /** Shipped check → control mappings missing on starter controls the organization has (starterLibraryStatus). */
  checkMappingsMissing?: number;
  /** Mappings it no longer ships that the organization still has; loading removes them. */
  checkMappingsRetired?: number;
}) {
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const complete = present >= total && checkMappingsMissing === 0 && checkMappingsRetired === 0;

  const load = () =>
    startTransition(async () => {
      const result = await loadStarterLibraryAction(orgSlug, {});
      setMessage(
        result.ok
          ? {
              tone: 'success',
              text: `Added ${result.data.added} controls from “${name}”${result.data.alreadyPresent ? ` (${result.data.alreadyPresent} were already here)` : ''}${result.data.checkMappingsAdded ? `, and ${result.data.checkMappingsAdded} check → control mappings` : ''}${result.data.checkMappingsRemoved ? `; removed ${result.data.checkMappingsRemoved} mappings it no longer ships` : ''}.`,
            }
          : { tone: 'error', text: result.error.message },
      );
    });

  return (
    <div className="space-y-2">
      <Button variant={complete ? 'secondary' : 'primary'} onClick={load} disabled={pending || complete}>
        {pending
          ? 'Loading…'
          : complete
            ? `“${name}” loaded`
            : present >= total
              ? checkMappingsRetired
                ? `Update the check → control mappings of “${name}” (${checkMappingsMissing} to add, ${checkMappingsRetired} no longer shipped)`
                : `Add the ${checkMappingsMissing} check → control mappings of “${name}”`
              : `Load “${name}” (${total - present} controls)`}
      </Button>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </div>
  );
}
