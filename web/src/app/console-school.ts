// The school the admin console (/school) is showing, for the pages of its sections. The console's
// layout (features/school) chooses it among the viewer's schools where they are an admin and
// hands it to its child routes; a section page reads it here, so no feature imports another.
import { useOutletContext } from "react-router-dom";

export type ConsoleSchool = { id: string; name: string };

/** Inside a console section: the school being managed (the viewer is one of its admins). */
export function useConsoleSchool(): ConsoleSchool {
  return useOutletContext<ConsoleSchool>();
}
