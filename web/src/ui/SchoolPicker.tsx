// Which school a page is about, for someone who belongs to several: the choice lives in the URL
// (?school=) so it survives a reload, and a select appears only when there is a choice to make.
import type { ReactNode } from "react";
import { useSearchParams } from "react-router-dom";
import { SelectField } from "./fields.tsx";
import "./school-picker.css";

export function useChosenSchool<School extends { id: string; name: string }>(schools: readonly School[]): { school: School | null; picker: ReactNode } {
  const [searchParams, setSearchParams] = useSearchParams();
  const school = schools.find((s) => s.id === searchParams.get("school")) ?? schools[0] ?? null;
  const picker =
    school && schools.length > 1 ? (
      <div className="school-picker">
        <SelectField
          label="School"
          value={school.id}
          options={schools.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(e) => setSearchParams({ school: e.currentTarget.value })}
        />
      </div>
    ) : null;
  return { school, picker };
}
