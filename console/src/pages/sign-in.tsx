import { useState } from 'preact/hooks';
import { tokenStore } from '../api';
import type { Session } from '../session';

interface SignInProps {
  readonly notice?: string;
  readonly onSignedIn: (session: Session) => void;
  readonly whoAmI: () => Promise<Session | null>;
}

/** The standalone server's sign-in: an admin or viewer token, as the admin API takes it. */
export function SignInPage({ notice, onSignedIn, whoAmI }: SignInProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(notice);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    tokenStore.set(token.trim());
    try {
      const session = await whoAmI();
      if (session) return onSignedIn(session);
      tokenStore.clear();
      setError('That token is not accepted. Use an admin or viewer token from ADMIN_TOKENS (or .data/admin-token).');
    } catch (failure) {
      tokenStore.clear();
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in" id="main">
      <h1>IVR console</h1>
      <form onSubmit={(event) => void submit(event)}>
        <div class="field">
          <label for="token">Admin token</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="current-password"
            required
            value={token}
            onInput={(event) => setToken(event.currentTarget.value)}
            aria-describedby={error ? 'sign-in-error' : 'token-hint'}
          />
          <small id="token-hint" class="hint">
            The bearer token you use for the admin API. It is kept in this tab only.
          </small>
        </div>
        {error && (
          <p id="sign-in-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || token.trim() === ''}>
          Sign in
        </button>
      </form>
    </main>
  );
}
