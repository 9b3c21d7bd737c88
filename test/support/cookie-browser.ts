// A browser reduced to what a sign-in redirect dance needs: real HTTP (fetch), one cookie jar
// per host and port, redirects followed one by one so a test can stop at any step (and keep a
// URL to replay). Nothing of the app is mocked; this is how curl with a cookie file would walk it.
export type Step = { url: string; status: number; location: string | null };

export function cookieBrowser() {
  const jar = new Map<string, Map<string, string>>();

  function cookieHeader(url: URL): string {
    return [...(jar.get(url.host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  function remember(url: URL, response: Response) {
    const cookies = jar.get(url.host) ?? new Map<string, string>();
    jar.set(url.host, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", ...value] = pair.trim().split("=");
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value.join("=") === "") cookies.delete(name);
      else cookies.set(name, value.join("="));
    }
  }

  async function request(target: string, init: RequestInit = {}): Promise<Step & { response: Response }> {
    const url = new URL(target);
    const headers = new Headers(init.headers);
    const cookie = cookieHeader(url);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    remember(url, response);
    const location = response.headers.get("location");
    return { url: url.href, status: response.status, location: location ? new URL(location, url).href : null, response };
  }

  return {
    request,
    /** GETs `url` and follows redirects until `stop(url)` says so (or no redirect is left); returns every step. */
    async follow(url: string, stop: (next: URL) => boolean = () => false): Promise<Step[]> {
      const steps: Step[] = [];
      let next: string | null = url;
      for (let hops = 0; next && hops < 20; hops++) {
        const step = await request(next);
        await step.response.arrayBuffer();
        steps.push({ url: step.url, status: step.status, location: step.location });
        if (!step.location || stop(new URL(step.location))) break;
        next = step.location;
      }
      return steps;
    },
    /** Submits a form (application/x-www-form-urlencoded), without following the answer's redirect. */
    async submit(url: string, fields: Record<string, string>): Promise<Step> {
      const step = await request(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      });
      await step.response.arrayBuffer();
      return { url: step.url, status: step.status, location: step.location };
    },
    forget(host: string) {
      jar.delete(host);
    },
  };
}
