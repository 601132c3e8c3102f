"use client";

import { useState, useTransition, type FormEvent } from "react";

/**
 * Submits a form to a server action without React's reset after the action, so every field keeps
 * what was typed, password fields included, without the server ever sending a password back.
 * (Use `<form onSubmit={onSubmit}>`; the action may redirect.)
 */
export function useSubmitKeepingValues<State>(action: (previous: State, form: FormData) => Promise<State>, initial: State) {
  const [state, setState] = useState(initial);
  const [pending, startTransition] = useTransition();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const next = await action(state, form);
      startTransition(() => setState(next));
    });
  }
  return [state, onSubmit, pending] as const;
}
