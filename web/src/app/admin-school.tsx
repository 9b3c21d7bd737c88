// The school an admin page acts on: the first school the viewer administers. Pages of the admin
// console render <AdminSchool> and get it, or a sentence for someone who administers none.
import type { ReactNode } from "react";
import { EmptyState } from "../ui/states.tsx";
import { useAuth } from "./auth.tsx";

export type AdminSchoolInfo = { id: string; name: string };

export function AdminSchool({ children }: { children: (school: AdminSchoolInfo) => ReactNode }) {
  const { viewer } = useAuth();
  const school = viewer?.schools.find((s) => s.role === "ADMIN");
  if (!school) {
    return (
      <EmptyState title="This page is for a school's admins">
        <p>Only an admin of your school can invite staff or import a roster. Ask one of them if you need someone added.</p>
      </EmptyState>
    );
  }
  return <>{children({ id: school.id, name: school.name })}</>;
}
