import type { ReactNode } from 'react';
import { FieldMessage } from './FieldMessage';

/** What a control inside a Field spreads onto itself, so the label, hint and error belong to it. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  /** Another element that speaks about this control too (a message shared by several controls). */
  describedBy?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/** A labelled control with its hint and inline error. */
export function Field({ id, label, hint, error, describedBy, children }: FieldProps) {
  const descriptions = [hint === undefined ? null : `${id}-hint`, `${id}-error`, describedBy ?? null];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': descriptions.filter((d) => d !== null).join(' '),
      })}
      <FieldMessage id={`${id}-error`} error={error} />
    </div>
  );
}
