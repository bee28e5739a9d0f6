import { Button } from "@acme/shared/components";
import { Link } from "react-router-dom";

export function HomePage() {
  return (
    <main>
      <h1>Portal</h1>
      <p>Documents and the people who own them.</p>
      <Link to="/documents">
        <Button>Open documents</Button>
      </Link>
    </main>
  );
}
