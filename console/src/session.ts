import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Actor } from './api';

export interface Session {
  readonly actor: Actor;
  /** Signed in with a token typed here (it can sign out), or by the host's own session (the host signs out). */
  readonly byToken: boolean;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}

/** Whether the signed-in person may change things (viewers read only; the API refuses their writes too). */
export function useCanEdit(): boolean {
  return useSession().actor.role === 'admin';
}
