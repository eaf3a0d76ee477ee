import { useEffect, useState } from 'preact/hooks';
import { type Actor, api, ApiError, onSignedOut, tokenStore } from './api';
import { href, useRoute } from './router';
import { type Session, SessionContext } from './session';
import { SignInPage } from './pages/sign-in';
import { DashboardPage } from './pages/dashboard';
import { CallsPage } from './pages/calls';
import { CallPage } from './pages/call';
import { MenuPage } from './pages/menu';
import { AuditPage } from './pages/audit';

const SECTIONS = [
  { path: '/', label: 'Dashboard' },
  { path: '/calls', label: 'Calls' },
  { path: '/menu', label: 'Menu & hours' },
  { path: '/audit', label: 'Audit' },
] as const;

type SessionState =
  { status: 'checking' } | { status: 'signed-out'; error?: string } | { status: 'in'; session: Session };

/** Asks the API who this is: the host's session cookie, or the token this tab signed in with. */
async function whoAmI(): Promise<Session | null> {
  try {
    const { body } = await api<Actor>('/me');
    return { actor: body, byToken: tokenStore.get() !== null };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export function App() {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const check = (): void => {
    whoAmI().then(
      (session) => setState(session ? { status: 'in', session } : { status: 'signed-out' }),
      (error: Error) => setState({ status: 'signed-out', error: error.message }),
    );
  };
  useEffect(check, []);
  useEffect(
    () => onSignedOut(() => setState({ status: 'signed-out', error: 'Your sign-in has ended: sign in again.' })),
    [],
  );

  if (state.status === 'checking') return <p class="centered">Loading…</p>;
  if (state.status === 'signed-out')
    return (
      <SignInPage notice={state.error} onSignedIn={(session) => setState({ status: 'in', session })} whoAmI={whoAmI} />
    );
  return (
    <SessionContext.Provider value={state.session}>
      <Shell
        session={state.session}
        onSignOut={() => {
          tokenStore.clear();
          setState({ status: 'signed-out' });
        }}
      />
    </SessionContext.Provider>
  );
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const route = useRoute();
  const section = `/${route.segments[0] ?? ''}`;
  return (
    <>
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">IVR console</span>
        <nav aria-label="Sections">
          <ul>
            {SECTIONS.map((item) => (
              <li key={item.path}>
                <a href={href(item.path)} aria-current={section === item.path ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {session.actor.name} <span class={`role role-${session.actor.role}`}>{session.actor.role}</span>
          {session.byToken && (
            <button type="button" class="link" onClick={onSignOut}>
              Sign out
            </button>
          )}
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Page segments={route.segments} query={route.query} />
      </main>
    </>
  );
}

/** The skip link's target is a hash route too: move focus instead of navigating. */
function skipToMain(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function Page({ segments, query }: { segments: readonly string[]; query: URLSearchParams }) {
  const [first, second] = segments;
  switch (first) {
    case undefined:
      return <DashboardPage />;
    case 'calls':
      return second ? <CallPage callSid={second} /> : <CallsPage query={query} />;
    case 'menu':
      return <MenuPage section={second} />;
    case 'audit':
      return <AuditPage query={query} />;
    default:
      return (
        <section>
          <h1>Not found</h1>
          <p>
            There is no page here. <a href={href('/')}>Go to the dashboard</a>.
          </p>
        </section>
      );
  }
}
