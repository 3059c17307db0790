import type { SipResolution } from "@sipwatch/core";
import { discoveryTree, type TreeNode } from "./discovery-tree";

function Node({ node }: { node: TreeNode }) {
  return (
    <li>
      <span className="pill tone-idle small">{node.kind}</span> <span className="rr">{node.text}</span>
      {node.ttl !== null ? <span className="muted small"> · TTL {node.ttl}s</span> : null}
      {node.problems.map((p) =>
        // Core gives each problem its tone: a remark ("no NAPTR records, so clients try the SRV names") is not a warning.
        p.tone === "note" ? (
          <div key={p.text} className="muted small">
            {p.text}
          </div>
        ) : (
          <div key={p.text} className="field-error">
            <span aria-hidden="true">⚠ </span>
            {p.text}
          </div>
        ),
      )}
      {node.children.length > 0 ? (
        <ul className="tree">
          {node.children.map((child) => (
            <Node key={child.key} node={child} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** NAPTR → SRV → A/AAAA as a nested list: screen readers announce the nesting, no drawing needed. */
export function DiscoveryTree({ resolution }: { resolution: SipResolution }) {
  return (
    <>
      <p className="muted small">
        Asked {resolution.resolver} · {resolution.queries.length} queries in {Math.round(resolution.durationMs)} ms ·
        clients take the <strong>{resolution.branch}</strong> branch of RFC 3263
      </p>
      <ul className="tree tree-root">
        {discoveryTree(resolution).map((node) => (
          <Node key={node.key} node={node} />
        ))}
      </ul>
    </>
  );
}
