// The jest environment of every tier: Node's, and after a test file (all its tests and hooks have
// run) the temporary project folders it made with testkit/tempProject.ts are removed. A run of the
// suite left some 900 of them in the machine's temporary folder, which several checkouts and runs
// share. tempProject.ts lists them on the file's global (the sandbox's), which this reads here,
// outside the sandbox, at teardown. Plain JavaScript: jest loads environments untransformed.
"use strict";
const { rmSync } = require("node:fs");
const { TestEnvironment } = require("jest-environment-node");

/** Where tempProject.ts lists the folders it made (on the test file's global). */
const MADE = Symbol.for("genesys-flows.tempProjects");

class GenesysFlowsEnvironment extends TestEnvironment {
  async teardown() {
    const made = this.global[MADE];
    if (Array.isArray(made)) for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
    await super.teardown();
  }
}

module.exports = GenesysFlowsEnvironment;
