// The PLC data page answering the PLC questions, as its facilitator uses it: a file with only
// students' names is refused with a sentence saying names are not stored and what to use; a
// pre-assessment from a gradebook export ("Student Name", "Student ID", "Score %", "Level") and a
// post-assessment with a Teacher column are recorded with their kinds; then pre vs post sits side
// by side with the matched students, the classes compare, and the students below the line are
// listed. A school leader outside the PLC sees pre vs post as totals, and none of the detail.
import { describe, it } from "vitest";
import { checkScreen, expectText, expectVisible, useBrowserSuite, type UserPage } from "../support/browser.ts";

const suite = useBrowserSuite();
const STANDARD = "4.NF.B.3";
const PRIYA = { email: "principal@demo.test", name: "Priya Natarajan" };

const codes = Array.from({ length: 12 }, (_, i) => `G4-${String(i + 1).padStart(2, "0")}`);
const level = (score: number) => (score < 40 ? "below" : score < 60 ? "approaching" : score < 80 ? "meets" : "exceeds");
const PRE_SCORES = [22, 35, 41, 48, 52, 58, 63, 67, 71, 76, 84, 91];
const POST_SCORES = [38, 61, 66, 55, 72, 75, 79, 82, 85, 88, 90, 95];
const PRE_CSV = [
  "Student Name,Student ID,Score %,Level",
  ...codes.map((code, i) => `Student ${String.fromCharCode(65 + i)},${code},${PRE_SCORES[i]}%,${level(PRE_SCORES[i]!)}`),
].join("\n");
const POST_CSV = [
  "Student ID,Teacher,Percent,Proficiency",
  ...codes.map((code, i) => `${code},${i < 6 ? "Hana Sato" : "David Kim"},${POST_SCORES[i]},${level(POST_SCORES[i]!)}`),
].join("\n");

async function openPlcData(user: UserPage) {
  await user.page.getByRole("region", { name: "My groups" }).getByRole("link", { name: "Grade 4 Team" }).click();
  await user.page.getByRole("link", { name: "Student data" }).click();
  await expectVisible(user.page.getByRole("heading", { level: 1, name: "Grade 4 Team: student data" }));
}

async function record(user: UserPage, { title, kind, csv }: { title: string; kind: string; csv: string }) {
  const form = user.page.getByRole("region", { name: "Record an assessment" });
  await form.getByLabel("Assessment title").fill(title);
  await form.getByLabel("Standard assessed").fill(STANDARD);
  await form.getByLabel("Kind of assessment").selectOption({ label: kind });
  await form.getByLabel("Or paste the rows").fill(csv);
  await expectText(form.getByRole("status"), "12 students ready to record");
  await form.getByRole("button", { name: "Record 12 results" }).press("Enter");
  await expectText(form, `Recorded “${title}” with 12 results.`);
}

describe("PLC data that answers the PLC questions", () => {
  it("a facilitator records a pre- and a post-assessment and sees pre vs post, the classes and the students below the line; a school leader sees totals only", async () => {
    const hana = await suite.signedIn({ email: "hana@demo.test", name: "Hana Sato" });
    await openPlcData(hana);
    const form = hana.page.getByRole("region", { name: "Record an assessment" });

    // A file with names only: refused, saying names are not stored and what to use.
    await form.getByLabel("Or paste the rows").fill("Student Name,Score,Proficiency\nAna Diaz,72,meets\n");
    await expectText(form, `The column "Student Name" holds students' names, and Staffroom never stores names.`);
    await expectText(form, "Add a column of student codes");
    await checkScreen(hana.page, "plc-data 1 a file of names is refused");

    await record(hana, { title: "Fractions pre-assessment", kind: "Pre-assessment", csv: PRE_CSV });
    await record(hana, { title: "Fractions post-assessment", kind: "Post-assessment", csv: POST_CSV });

    // Results by standard: the pre and the post apart, never averaged together.
    const byStandard = hana.page.getByRole("region", { name: "Results by standard" });
    await expectVisible(byStandard.getByRole("rowheader", { name: /^4\.NF\.B\.3 Pre-assessment/ }));
    await expectVisible(byStandard.getByRole("rowheader", { name: /^4\.NF\.B\.3 Post-assessment/ }));

    const prePost = hana.page.getByRole("region", { name: "Pre vs post" });
    await expectText(prePost, "Change in mean score: up 14.8 points");
    await expectText(prePost, "Matched: 12 students sat both; their mean went from 59 to 73.8");

    const below = hana.page.getByRole("region", { name: "Students below the proficiency line" });
    // G4-01 (38, below) and G4-04 (55, approaching) are still below on the post-assessment.
    await expectVisible(below.getByRole("rowheader", { name: "G4-01" }));
    await expectVisible(below.getByRole("rowheader", { name: "G4-04" }));
    await expectText(below.getByRole("row", { name: /G4-04/ }), "Hana Sato");
    await below.getByLabel("Standard").selectOption(STANDARD);
    await expectText(below.getByRole("status"), `students below the line on ${STANDARD}`);

    const post = hana.page.getByRole("region", { name: "Assessments" }).getByRole("listitem").filter({ hasText: "Fractions post-assessment" });
    await post.getByText("Compare classes").click();
    const classes = post.getByRole("region", { name: "Fractions post-assessment by class (scrolls sideways)" });
    await expectVisible(classes.getByRole("rowheader", { name: "David Kim" }));
    await expectVisible(classes.getByRole("rowheader", { name: "Hana Sato" }));
    await checkScreen(hana.page, "plc-data 2 pre vs post, classes and students below the line (facilitator)");

    // A school leader outside the PLC: pre vs post as totals, and no student or class.
    const priya = await suite.signedIn(PRIYA);
    const team = await suite.app.db.prisma.group.findFirstOrThrow({ where: { name: "Grade 4 Team" } });
    await priya.page.goto(`/groups/${encodeURIComponent(Buffer.from(`Group:${team.id}`).toString("base64"))}/data`);
    await expectVisible(priya.page.getByRole("heading", { level: 1, name: "Grade 4 Team: student data" }));
    await expectText(priya.page.getByRole("region", { name: "Pre vs post" }), STANDARD);
    await expectText(priya.page.locator("main"), "You see this PLC's results as a coach or school leader.");
    if ((await priya.page.getByRole("region", { name: "Students below the proficiency line" }).count()) !== 0)
      throw new Error("a leader sees the students below the line");
    if ((await priya.page.getByText("Compare classes").count()) !== 0) throw new Error("a leader is offered the class comparison");
    if ((await priya.page.getByText(/Matched:/).count()) !== 0) throw new Error("a leader sees matched students");
    await checkScreen(priya.page, "plc-data 3 pre vs post as a school leader");
  });
});
