import type { VantageReport } from "./report-types";
import { transportMatrix } from "./transport-matrix";
import { useVantageLabel } from "./vantage-labels";

/**
 * Transport x target rows, one column per vantage; each cell has a mark and words, not only a
 * colour, and below it what REGISTER with the monitor's test account did there, when it has one.
 */
export function TransportMatrix({ vantages }: { vantages: readonly VantageReport[] }) {
  const matrix = transportMatrix(vantages, useVantageLabel());
  if (matrix.rows.length === 0)
    return <p className="muted">No target was probed: DNS gave clients nothing to connect to.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">
          Round trips per transport, target and vantage
          {matrix.registers ? ", and what REGISTER with the test account did" : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Transport</th>
            <th scope="col">Target</th>
            {matrix.vantages.map((v) => (
              <th key={v.id} scope="col">
                {v.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.transport.toUpperCase()}</th>
              <td className="mono small">{row.target}</td>
              {row.cells.map((cell, i) => (
                <td key={matrix.vantages[i]?.id ?? i}>
                  <span className={`pill tone-${cell.tone}`} title={cell.detail}>
                    {cell.text}
                  </span>
                  <span className="visually-hidden">{cell.detail}</span>
                  {cell.register ? (
                    <div className="matrix-register">
                      <span className={`pill tone-${cell.register.tone}`} title={cell.register.detail}>
                        {cell.register.text}
                      </span>
                      <span className="visually-hidden">{cell.register.detail}</span>
                    </div>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
