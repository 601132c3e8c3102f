"use client";

import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { useUrlState } from "./use-url-state";

export interface ComboboxOption {
  value: string;
  label: string;
}

/** What `optionsUrl` answers. */
export interface ComboboxOptions {
  options: ComboboxOption[];
}

/** What the choices are, for the list's status ("3 members shown."). */
export interface ChoiceNoun {
  one: string;
  many: string;
}

const MEMBERS: ChoiceNoun = { one: "member", many: "members" };

/** How long typing settles before the choices are asked for (one request per pause, not per key). */
const SETTLE_MS = 200;

interface ComboboxFilterProps {
  label: string;
  param: string;
  allLabel: string;
  /** The param's value in the URL (null: no choice, the filter shows `allLabel`'s placeholder). */
  value: string | null;
  /** The chosen value's label as the server resolved it (shown only while `value` is set). */
  selectedLabel: string;
  optionsUrl: string;
  placeholder?: string;
  /** What the choices are (default: members). */
  noun?: ChoiceNoun;
}

/**
 * A labelled single-choice filter bound to one search param, for choices that grow with the data
 * (a tenant's members, the platform's tenants): an editable combobox (WAI-ARIA combobox pattern, list
 * autocomplete) whose choices come from `optionsUrl?q=<typed>`, a bounded server search, so the page
 * never carries the whole list. The first choice, `allLabel`, clears the filter. It starts over
 * whenever the URL's choice or its label changes (chosen, cleared, back button).
 *
 * Keyboard: typing or ↓ opens the list, ↑/↓ move through it, Enter chooses, Escape closes it (a
 * second Escape puts the chosen label back), Tab leaves it as it was.
 */
export function ComboboxFilter(props: ComboboxFilterProps) {
  return <Combobox key={`${props.value ?? ""}|${props.value ? props.selectedLabel : ""}`} {...props} />;
}

function Combobox({ label, param, allLabel, value, selectedLabel: resolvedLabel, optionsUrl, placeholder, noun = MEMBERS }: ComboboxFilterProps) {
  const selectedLabel = value ? resolvedLabel : null;
  const id = useId();
  const listId = `${id}-list`;
  const { update } = useUrlState();
  const [text, setText] = useState(selectedLabel ?? "");
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<{ query: string; options: ComboboxOption[] } | null>(null);
  const [failed, setFailed] = useState(false);
  const [active, setActive] = useState(-1);

  // Ask for the choices once typing settles; an answer that arrives after newer typing is dropped.
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`${optionsUrl}?${new URLSearchParams({ q: query })}`, { signal: controller.signal, headers: { accept: "application/json" } });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as ComboboxOptions;
        setFound({ query, options: body.options });
        setFailed(false);
      } catch {
        if (!controller.signal.aborted) setFailed(true);
      }
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query, optionsUrl]);

  const loading = open && !failed && found?.query !== query;
  const choices: ComboboxOption[] = [{ value: "", label: allLabel }, ...(found && !loading ? found.options : [])];
  const optionId = (index: number) => `${id}-option-${index}`;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const choose = (choice: ComboboxOption) => {
    setText(choice.value ? choice.label : "");
    close();
    update({ [param]: choice.value || null });
  };
  const openList = () => {
    if (!open) setOpen(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) openList();
        else setActive((current) => (current + 1) % choices.length);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!open) openList();
        else setActive((current) => (current <= 0 ? choices.length - 1 : current - 1));
        break;
      case "Enter":
        if (open && active >= 0 && choices[active]) {
          event.preventDefault();
          choose(choices[active]);
        }
        break;
      case "Escape":
        if (open) close();
        else setText(selectedLabel ?? "");
        break;
    }
  };

  const status = failed
    ? "The list could not be loaded. Try again."
    : loading
      ? "Searching…"
      : found && found.options.length === 0
        ? `No ${noun.one} matches.`
        : found
          ? `${found.options.length} ${found.options.length === 1 ? noun.one : noun.many} shown.`
          : "";

  return (
    <div className="relative">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-status`}
        autoComplete="off"
        value={text}
        placeholder={placeholder ?? allLabel}
        onChange={(event) => {
          setText(event.target.value);
          setQuery(event.target.value);
          setActive(-1);
          openList();
        }}
        onClick={openList}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Leaving without choosing keeps the filter as it was.
          close();
          setText(selectedLabel ?? "");
        }}
        className="mt-1 block w-64 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!open}
        className="absolute z-10 mt-1 max-h-72 w-72 overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
      >
        {choices.map((choice, index) => (
          <li
            key={choice.value || "all"}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            // Keeps the focus in the input, so its blur does not close the list before the click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(choice)}
            className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-blue-100 text-blue-950" : "text-slate-800 hover:bg-slate-100"}`}
          >
            {choice.label}
          </li>
        ))}
      </ul>
      <span id={`${id}-status`} role="status" className="sr-only">
        {open ? status : ""}
      </span>
    </div>
  );
}
