import type { Problem } from '../api/client';
import { problemText } from '../i18n';

/** A problem of the window as a translated sentence that says what to do. */
export function ProblemMessage({ problem }: { problem: Problem }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{problemText(problem.code)}</p>
    </div>
  );
}
