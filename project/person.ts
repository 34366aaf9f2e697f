// Who runs a command, for the logs that say who did what (a rollout's pause, resume, next and
// rollback: planner/waves/wavePlan.ts): git's user.name and user.email of the project, as a commit would
// name them, else the operating system's user. Read with git; nothing outside the project's git
// configuration (and the user's own) is read.
import { spawnSync } from "node:child_process";
import * as os from "node:os";

function gitConfig(root: string, key: string): string {
  const r = spawnSync("git", ["-C", root, "config", "--get", key], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return r.status === 0 ? (r.stdout ?? "").trim() : "";
}

/** "Name <email>" as git would sign a commit in `root`, else the operating system's user name. */
export function personRunning(root: string): string {
  const name = gitConfig(root, "user.name");
  const email = gitConfig(root, "user.email");
  if (name !== "" || email !== "") return [name, email !== "" ? `<${email}>` : ""].filter((s) => s !== "").join(" ");
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}
