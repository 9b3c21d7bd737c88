// The template offered for download on the import page: the columns the api reads
// (api/src/domain/roster-csv.ts), with two example rows to overwrite.
export const TEMPLATE_CSV = [
  "email,first name,last name,role,grades,subjects",
  "amira.hassan@yourschool.org,Amira,Hassan,teacher,3;4,Math;Science",
  "jon.baker@yourschool.org,Jon,Baker,coach,,",
  "",
].join("\r\n");

export const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE_CSV)}`;

/** The api takes at most 200,000 characters; a file far larger is surely the wrong one. */
export const MAX_FILE_BYTES = 200_000;
