/** A form checked on submit, and on every change after the first submit: errors, update, submit. */

import { useState, type FormEvent } from "react";

export interface CheckedFormOptions<V extends object, E extends object> {
  values: V;
  onChange: (values: V) => void;
  validate: (values: V) => E;
  onValid: (values: V) => void;
}

export function useCheckedForm<V extends object, E extends object>({ values, onChange, validate, onValid }: CheckedFormOptions<V, E>) {
  const [errors, setErrors] = useState<Partial<E>>({});
  const [tried, setTried] = useState(false);
  const update = (patch: Partial<V>) => {
    const next = { ...values, ...patch };
    onChange(next);
    if (tried) setErrors(validate(next));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const found = validate(values);
    setErrors(found);
    if (!Object.values(found).some((value) => value !== undefined)) onValid(values);
  };
  return { errors, update, submit };
}
