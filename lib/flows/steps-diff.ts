// What changed in a flow's steps between two versions, step by step (jsdiff's longest common
// subsequence over the step lists): each step of either version, marked added, removed or the same.
import { diffArrays } from "diff";

export interface StepDiffLine {
  step: string;
  change: "added" | "removed" | "same";
}

export function stepsDiff(before: readonly string[], after: readonly string[]): StepDiffLine[] {
  return diffArrays([...before], [...after]).flatMap((part) =>
    part.value.map((step) => ({ step, change: part.added ? ("added" as const) : part.removed ? ("removed" as const) : ("same" as const) })),
  );
}
