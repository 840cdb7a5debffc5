import { useState } from 'react';

/** Shown when the API refuses us: the admin token comes from the URL `humanline serve` printed. */
export function LoginScreen() {
  const [token, setToken] = useState('');
  return (
    <div className="hl-login" data-testid="login">
      <h1>humanline designer</h1>
      <p>
        The designer needs the admin token. Open the URL that <code>humanline serve</code> (or <code>npm start</code>) printed at start; it ends in{' '}
        <code>/?token=…</code>. Or paste the token (<code>HUMANLINE_ADMIN_TOKEN</code>) here:
      </p>
      <form action="/login" method="get">
        <input name="token" type="password" aria-label="Admin token" value={token} onChange={(event) => setToken(event.target.value)} autoFocus />
        <button type="submit" disabled={token === ''}>
          Log in
        </button>
      </form>
    </div>
  );
}
