// In demo mode (the api seeded the demo school) the sign-in page lists the demo accounts;
// clicking one fills the form. Elsewhere the api returns no logins and this renders nothing.
import { useQuery } from "urql";
import { graphql } from "../../graphql/graphql.ts";
import { Section } from "../../ui/layout.tsx";
import { humanize } from "../../ui/format.ts";

/** The demo school's shared password, as documented in the README (the api never sends passwords). */
export const DEMO_PASSWORD = "staffroom-demo";

const DemoLoginsQuery = graphql(`
  query DemoLogins {
    demoLogins {
      name
      email
      role
    }
  }
`);

export function DemoLogins({ onPick }: { onPick: (email: string, password: string) => void }) {
  const [result] = useQuery({ query: DemoLoginsQuery, requestPolicy: "cache-first" });
  const logins = result.data?.demoLogins ?? [];
  // A missing list is no reason to worry someone who only wants to sign in: no error state here.
  if (logins.length === 0) return null;
  return (
    <Section title="Demo logins">
      <p>
        This is a demo school. Pick someone to sign in as; every demo account uses the password <code className="nowrap">{DEMO_PASSWORD}</code>.
      </p>
      <ul className="demo-logins">
        {logins.map((login) => (
          <li key={login.email}>
            <button type="button" className="demo-login" onClick={() => onPick(login.email, DEMO_PASSWORD)}>
              <span>
                <strong>{login.name}</strong> · {humanize(login.role)}
              </span>
              <span className="demo-login__email">{login.email}</span>
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
