import type { ReactNode } from 'react';
import { Loading } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import type { Loaded } from '../useData';

/** A section of the representation page: its heading and lead, what the window lists (or why not), and its button. */
export function ListSection<T>(props: {
  id: string;
  heading: string;
  lead: string;
  data: Loaded<T>;
  children(data: T): ReactNode;
  add?: { label: string; onClick(): void };
}) {
  return (
    <section className="representation-section" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      <p>{props.lead}</p>
      {props.data.state === 'loading' && <Loading />}
      {props.data.state === 'error' && <ProblemMessage problem={props.data.problem} />}
      {props.data.state === 'ok' && props.children(props.data.data)}
      {props.add && (
        <button type="button" className="button button-secondary representation-add" onClick={props.add.onClick}>
          {props.add.label}
        </button>
      )}
    </section>
  );
}
