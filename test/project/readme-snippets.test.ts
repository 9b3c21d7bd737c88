// The README's code, run as a newcomer would run it: every JavaScript block and every shell block
// that calls curl is taken from README.md as it stands, pointed at a live server (the demo school
// on a fresh database) instead of 127.0.0.1:4000, and run in a process of its own (node for the
// JavaScript, bash with curl and jq for the shell), and so is the one curl written inline in the
// prose. A block the README gains that no test here runs fails the first test, so the README
// cannot grow examples nobody has tried.
import { execFile, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { startMailbox, type Mailbox } from "../support/smtp.ts";
import { signUpTokenIn } from "../support/sign-up.ts";
import { graphql } from "../support/graphql.ts";
import { MutationError, MyGroupNames, SignIn, succeeded } from "../support/operations.ts";

type Snippet = { section: string; language: string; code: string };
const README_TEXT = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

/** Fenced code blocks of README.md, each with the heading it sits under. */
function readmeSnippets(): Snippet[] {
  const snippets: Snippet[] = [];
  let section = "";
  for (const match of README_TEXT.matchAll(/^(#{2,3}) (.+)$|^```(\w*)\n([\s\S]*?)^```$/gm)) {
    if (match[2] !== undefined) section = match[2];
    else snippets.push({ section, language: match[3]!, code: match[4]! });
  }
  return snippets;
}

const runnable = (snippet: Snippet) => /^(js|javascript|ts|typescript)$/.test(snippet.language) || (snippet.language === "sh" && /\bcurl\b/.test(snippet.code));
const SNIPPETS = readmeSnippets().filter(runnable);
/** curl commands written inline in the prose (`curl …`), outside the code blocks. */
const INLINE_CURLS = [...README_TEXT.replace(/^```[\s\S]*?^```$/gm, "").matchAll(/`(curl [^`]+)`/g)].map((match) => match[1]!);
const inSection = (section: string) => SNIPPETS.filter((snippet) => snippet.section === section);

let app: TestApp;
let mailbox: Mailbox;
let host: string;
/** The README's address for a running Staffroom, replaced by the live server's. */
const pointed = (code: string, at = host) => code.replaceAll("127.0.0.1:4000", at);

beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startTestApp({ seedDemo: true, mail: { smtpUrl: mailbox.url, from: "staffroom@school.test" } });
  host = new URL(app.url).host;
});
afterAll(async () => {
  await app?.close();
  await mailbox?.close();
});

async function signIn(email: string): Promise<string> {
  const result = await app.gql(SignIn, { input: { email, password: DEMO_PASSWORD } });
  return succeeded(result.data?.signIn).data.token;
}

async function questioningCircle(token: string): Promise<string> {
  const result = await app.gql(MyGroupNames, {}, token);
  return result.data!.myGroups.edges.map((edge) => edge.node).find((group) => group.name === "Questioning Circle")!.id;
}

const CREATE_LESSON_PLAN = graphql(
  `
  mutation CreateLessonPlan($input: CreateDocumentInput!) {
    createDocument(input: $input) {
      __typename
      ... on MutationCreateDocumentSuccess {
        data {
          collabRoom
          content {
            markdown
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

async function createLessonPlan(token: string, groupId: string, title: string): Promise<{ collabRoom: string; markdown: string }> {
  const result = await app.gql(CREATE_LESSON_PLAN, { input: { groupId, kind: "LESSON_PLAN", title } }, token);
  const { collabRoom, content } = succeeded(result.data?.createDocument).data;
  return { collabRoom, markdown: content!.markdown };
}

const MY_API_TOKENS = graphql(`
  query MyApiTokens {
    myApiTokens(includeRevoked: true) {
      edges {
        node {
          id
          revokedAt
        }
      }
    }
  }
`);

type NodeRun = { nextLine(): Promise<string>; exited: Promise<{ code: number | null; stderr: string }>; kill(): void };

/**
 * Runs a JavaScript block as an ES module, with the free variables the README leaves to the
 * reader (`token`, `documentId`, …) declared first. The file sits under test/ so that its imports
 * (yjs, y-websocket, graphql-ws, ws) resolve as they would in a newcomer's project.
 */
function runJavaScript(name: string, code: string, variables: Record<string, string>): NodeRun {
  const folder = path.resolve(import.meta.dirname, "../artifacts/readme-snippets");
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.mjs`);
  const declarations = Object.entries(variables).map(([key, value]) => `const ${key} = ${JSON.stringify(value)};`);
  writeFileSync(file, [...declarations, code].join("\n"));
  const child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffered = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    const complete = buffered.split("\n");
    buffered = complete.pop()!;
    for (const line of complete) (waiting.shift() ?? ((l: string) => lines.push(l)))(line);
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
  return {
    nextLine: () => {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      return Promise.race([
        new Promise<string>((resolve) => waiting.push(resolve)),
        exited.then(({ code, stderr }) => Promise.reject(new Error(`the snippet exited (${code}) before printing: ${stderr}`))),
      ]);
    },
    exited,
    kill: () => child.kill(),
  };
}

/** Runs shell blocks in one bash, in order (later blocks use the variables of earlier ones); the stdout of each. */
function runShell(blocks: string[]): Promise<string[]> {
  const separator = "@@ next README block @@";
  const script = ["set -euo pipefail", ...blocks.flatMap((block) => [block, `echo '${separator}'`])].join("\n");
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", script], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`bash failed (${error.message}): ${stderr}`));
      else resolve(stdout.split(`${separator}\n`).slice(0, blocks.length));
    });
  });
}

/** A GraphQL answer as `jq .` printed it. */
type Answer = { data?: unknown; errors?: unknown };
/** A connection's names or ids, as the README's queries select them. */
type Edges<Node> = { edges: { node: Node }[] };

/** The JSON documents `jq .` printed, one after another. */
function jsonDocuments(output: string): Answer[] {
  const trimmed = output.trim();
  if (trimmed === "") return [];
  return trimmed.split(/(?<=^\})\n(?=\{)/m).map((document) => JSON.parse(document) as Answer);
}

/**
 * A GraphQL answer with data and no error, whose mutation results are successes; its data read as
 * the shape the README's query selects (the snippet is plain text, so the test names the shape).
 */
function answered<Data>(answer: Answer): Data {
  expect(answer.errors).toBeUndefined();
  expect(answer.data).toBeTruthy();
  expect(JSON.stringify(answer.data)).not.toMatch(/"code":/);
  return answer.data as Data;
}

describe("the README's code", () => {
  it("is all run here: each JavaScript block and each shell block with curl", () => {
    expect(SNIPPETS.map((snippet) => `${snippet.section} (${snippet.language})`)).toEqual([
      "Live documents (js)",
      "Subscriptions (js)",
      "Authentication (sh)",
      ...Array(5).fill("Using the API with curl (sh)"),
    ]);
  });

  it("Live documents: the Node provider syncs a lesson plan and prints its text", async () => {
    const token = await signIn("ana@demo.test");
    const plan = await createLessonPlan(token, await questioningCircle(token), "Lesson plan from the README");
    const [snippet] = inSection("Live documents");
    const run = runJavaScript("live-documents", pointed(snippet!.code), { token, documentId: plan.collabRoom });
    try {
      const printed = await run.nextLine();
      // The template's first heading, as GraphQL reads it from the same document.
      const heading = /^#+ (.+)$/m.exec(plan.markdown)?.[1];
      expect(heading, "a heading in the lesson-plan template").toBeTruthy();
      expect(printed).toContain(`<heading`);
      expect(printed).toContain(heading);
    } finally {
      run.kill();
    }
  });

  it("Subscriptions: the Node client hears a group's activity", async () => {
    const [ana, ben] = [await signIn("ana@demo.test"), await signIn("ben@demo.test")];
    const groupId = await questioningCircle(ana);
    const [snippet] = inSection("Subscriptions");
    const run = runJavaScript("subscriptions", pointed(snippet!.code), { token: ana, groupId });
    try {
      // The subscription starts some time after the process does: act until it hears something.
      const heard = run.nextLine();
      let settled = false;
      void heard.finally(() => (settled = true)).catch(() => undefined);
      for (let attempt = 1; !settled && attempt <= 40; attempt++) {
        await createLessonPlan(ben, groupId, `Ben's plan ${attempt}`);
        await Promise.race([heard.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 250))]);
      }
      expect(JSON.parse(await heard)).toMatchObject({ type: "DOCUMENT_CREATED", actor: { name: "Ben Carter" } });
    } finally {
      run.kill();
    }
  });

  it("Subscriptions: a bad token is reported as 4403 after one connection, not retried", async () => {
    // Counts the connections the client opens, on their way to the app.
    let connections = 0;
    const counter = net.createServer((socket) => {
      connections++;
      const upstream = net.connect(app.port, "127.0.0.1");
      socket.pipe(upstream).pipe(socket);
      upstream.on("error", () => socket.destroy());
      socket.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => counter.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = counter.address() as net.AddressInfo;
      const [snippet] = inSection("Subscriptions");
      const run = runJavaScript("subscriptions-bad-token", pointed(snippet!.code, `127.0.0.1:${port}`), {
        token: "srs_not-a-token-anyone-was-given",
        groupId: "unused",
      });
      const { code, stderr } = await run.exited;
      expect(stderr).toContain("subscription failed: 4403, sign in again");
      expect(code).toBe(0);
      expect(connections).toBe(1);
    } finally {
      counter.close();
    }
  });

  it("Authentication: signing up with curl, then confirming with the emailed token", async () => {
    const [snippet] = inSection("Authentication");
    const [start, confirm] = pointed(snippet!.code).split(/^# then.*$/m);
    const [started] = jsonDocuments((await runShell([start!]))[0]!);
    expect(answered<{ signUp: { data: { email: string } } }>(started!).signUp.data.email).toBe("new.teacher@example.org");
    const linkToken = signUpTokenIn(await mailbox.next("new.teacher@example.org"));
    expect(linkToken).toBeTruthy();
    expect(confirm).toContain('"srl_…"');
    const [confirmed] = jsonDocuments((await runShell([confirm!.replace('"srl_…"', JSON.stringify(linkToken))]))[0]!);
    expect(answered<{ confirmSignUp: { data: { token: string } } }>(confirmed!).confirmSignUp.data.token).toMatch(/^srs_/);
  });

  it("the curl written inline: a quick query from the shell", async () => {
    expect(INLINE_CURLS).toHaveLength(1);
    // $URL as the curl section sets it.
    const [output] = await runShell([`URL=${app.url}/graphql\n${INLINE_CURLS[0]}`]);
    expect(JSON.parse(output!)).toEqual({ data: { __typename: "Query" } });
  });

  it("Using the API with curl: every step, in order, as Ana", async () => {
    const outputs = await runShell(inSection("Using the API with curl").map((snippet) => pointed(snippet.code)));
    const [signedIn, whoAmI, upcoming, createToken, tokens] = outputs.map(jsonDocuments);
    expect(signedIn).toEqual([]); // it keeps the token in $TOKEN and prints nothing

    const me = answered<{ viewer: unknown; mySchools: Edges<{ name: string }>; myGroups: Edges<{ name: string }> }>(whoAmI![0]!);
    expect(me.viewer).toEqual({ name: "Ana Lopez", email: "ana@demo.test" });
    expect(me.mySchools.edges.map((edge) => edge.node.name)).toEqual(["Maple Grove Elementary"]);
    expect(me.myGroups.edges.map((edge) => edge.node.name)).toContain("Questioning Circle");

    const next = answered<{ myUpcomingSessions: Edges<unknown>; myActionItems: { totalCount: number } }>(upcoming![0]!);
    expect(next.myUpcomingSessions.edges.length).toBeGreaterThan(0);
    expect(next.myActionItems.totalCount).toBeGreaterThanOrEqual(0);

    const created = answered<{ createApiToken: { data: { secret: string; apiToken: { id: string } } } }>(createToken![0]!).createApiToken.data;
    expect(created.secret).toMatch(/^sra_/);
    expect(created.apiToken).toMatchObject({ name: "Dashboard (read-only)", scopes: ["GROUPS_READ", "GOALS_READ"] });

    const listed = answered<{ myApiTokens: Edges<{ id: string }> }>(tokens![0]!);
    const revoked = answered<{ revokeApiToken: { data: { revokedAt: string } } }>(tokens![1]!);
    for (const answer of tokens!) answered(answer);
    expect(listed.myApiTokens.edges.map((edge) => edge.node.id)).toEqual([created.apiToken.id]);
    expect(revoked.revokeApiToken.data.revokedAt).toBeTruthy();
    const after = await app.gql(MY_API_TOKENS, {}, await signIn("ana@demo.test"));
    expect(after.data?.myApiTokens.edges[0]?.node).toMatchObject({ id: created.apiToken.id, revokedAt: revoked.revokeApiToken.data.revokedAt });
  });
});
