import { Link } from "react-router-dom";
import { PageHeader } from "../ui/layout.tsx";
import { paths } from "./paths.ts";

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" subtitle="There is nothing at this address." />
      <p>
        <Link to={paths.home}>Go to your home page</Link>
      </p>
    </>
  );
}
