'use client';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useState } from 'react';
import { RecoveryCodes } from './recovery-codes';

const ShowRecoveryCodes = createContext<(codes: string[]) => void>(() => {});

/**
 * Holds the recovery codes once an enrolment is confirmed. It sits at the same place in the
 * section whatever the state, so when the confirmation re-renders the page (the session cookie is
 * re-issued and the section now says "on"), the codes stay on screen until the person has saved them.
 */
export function RecoveryCodesGate({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          router.refresh();
        }}
      />
    );
  }
  return <ShowRecoveryCodes.Provider value={setCodes}>{children}</ShowRecoveryCodes.Provider>;
}

export const useShowRecoveryCodes = () => useContext(ShowRecoveryCodes);
