import { type ReactNode, useEffect, useRef } from "react";
import { CopyButton, Snippet } from "../ui/CopyButton";

/**
 * A secret the API returns exactly once (agent and API tokens, a webhook's signing secret).
 * Focus moves to it so keyboard and screen-reader users do not miss it; it stays until dismissed.
 */
export function OneTimeSecret({
  title,
  secret,
  secretLabel,
  onDone,
  children,
}: {
  title: string;
  secret: string;
  secretLabel: string;
  onDone: () => void;
  children?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card notice stack" aria-label={title}>
      <h2 ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p>
        <strong>Copy it now: sipwatch will not show it again.</strong>
      </p>
      <Snippet text={secret} label={secretLabel} />
      {children}
      <div>
        <button type="button" onClick={onDone}>
          I have saved it
        </button>
      </div>
    </section>
  );
}

/** A multi-line snippet (a config file, a code sample) with a copy button. */
export function CodeBlock({ text, label }: { text: string; label: string }) {
  return (
    <figure className="stack" style={{ margin: 0 }}>
      <figcaption className="small">{label}</figcaption>
      <pre style={PRE}>
        <code>{text}</code>
      </pre>
      <div>
        <CopyButton text={text} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </figure>
  );
}

// Scrolls sideways on a 375 px screen instead of widening the page.
const PRE = {
  overflowX: "auto",
  background: "var(--surface-2)",
  padding: "0.5rem 0.6rem",
  borderRadius: 4,
  margin: 0,
} as const;
