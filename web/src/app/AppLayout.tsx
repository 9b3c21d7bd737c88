// The frame around every signed-in page: header (app name, navigation, who is signed in,
// Sign out) and the <main> landmark the page renders into.
import { Suspense, useEffect, useRef } from "react";
import { Link, NavLink, Outlet, useLocation } from "react-router-dom";
import { NotificationBell } from "../features/notifications/NotificationBell.tsx";
import { Button } from "../ui/Button.tsx";
import { Loading } from "../ui/states.tsx";
import { useAuth } from "./auth.tsx";
import { paths } from "./paths.ts";

export function AppLayout() {
  const { viewer, signOut } = useAuth();
  const mainRef = useRef<HTMLElement>(null);
  const location = useLocation();
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page so keyboard and screen-reader users
  // start at its top, as they would after a full page load.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link to={paths.home} className="app-header__brand">
            Staffroom
          </Link>
          <nav className="app-nav" aria-label="Main">
            <ul>
              <li>
                <NavLink to={paths.home} end>
                  Home
                </NavLink>
              </li>
              <li>
                <NavLink to={paths.myCoaching} end>
                  My coaching
                </NavLink>
              </li>
              {viewer?.isLeader ? (
                <li>
                  <NavLink to={paths.coach}>Coach dashboard</NavLink>
                </li>
              ) : null}
              {viewer?.schools.some((school) => school.role === "ADMIN") ? (
                <li>
                  <NavLink to={paths.school}>School</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to={paths.settings}>Settings</NavLink>
              </li>
            </ul>
          </nav>
          <div className="app-header__viewer">
            <NotificationBell />
            <span>
              <span className="visually-hidden">Signed in as </span>
              {viewer?.name}
            </span>
            <Button variant="secondary" size="small" onClick={() => void signOut()}>
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
