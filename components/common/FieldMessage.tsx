/** The inline error or confirmation under a control; referenced by the control's aria-describedby. */
export function FieldMessage({ id, error, status }: { id: string; error?: string | null; status?: string | null }) {
  if (error) {
    return (
      <p id={id} className="error" role="alert">
        {error}
      </p>
    );
  }
  return (
    <p id={id} className="status" role="status">
      {status ?? ''}
    </p>
  );
}
