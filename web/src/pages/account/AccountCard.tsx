import type { ReactNode } from "react";

/** The narrow card every signed-out account page sits in (sign-in's look), full width at 375 px. */
export function AccountCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main">
      <div className="card" style={{ maxWidth: 420, margin: "3rem auto" }}>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

/** An error better-auth or the network gave, in words for the page. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
