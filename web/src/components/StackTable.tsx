import type { ReactNode } from 'react';

export interface Column<R> {
  label: string;
  cell(row: R): ReactNode;
}

/**
 * A table that stacks on a phone (styles.css `.stack`): each cell carries its column's label, which the narrow
 * layout shows beside the value. The caption names it for assistive technology.
 */
export function StackTable<R>(props: { caption: string; columns: Column<R>[]; rows: R[]; rowKey(row: R): string }) {
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" key={c.label}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((c) => (
                <td data-label={c.label} key={c.label}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
