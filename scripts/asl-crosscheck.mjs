// Runs statemachine/reset.asl.json in aws-local-stepfunctions, an ASL interpreter independent of
// the project's own, with the canned Task results of scripts/asl-crosscheck-scenarios.json.
// Checks each run's output and the number of calls per Task state, writes the actual results as
// JSON when --out FILE is given, and exits with status 1 on any mismatch. StateMachineCrossCheckTest
// in the local module runs the same scenarios through the project's interpreter, so both
// interpreters must give every scenario's expected output.
//
// Usage: node scripts/asl-crosscheck.mjs [--out FILE]
import './node20-polyfills.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { StateMachine } from 'aws-local-stepfunctions';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const definitionText = readFileSync(join(root, 'statemachine', 'reset.asl.json'), 'utf8');
const scenarioFile = JSON.parse(readFileSync(join(root, 'scripts', 'asl-crosscheck-scenarios.json'), 'utf8'));

/** Replaces each ${Name} placeholder, which SAM fills with a function ARN, by a fake Lambda ARN. */
function substitutePlaceholders(text) {
  return text.replace(/\$\{([A-Za-z0-9]+)\}/g,
    (placeholder, name) => `arn:aws:lambda:us-east-1:000000000000:function:crosscheck-${name}`);
}

/** Lists the names of all Task states. The definition has no Parallel or Map states to descend into. */
function taskStateNames(definition) {
  return Object.entries(definition.States)
    .filter(([, state]) => state.Type === 'Task')
    .map(([name]) => name);
}

/** Builds the error a Lambda function reports: Retry and Catch match its name. */
function lambdaError(spec) {
  const error = new Error(spec.cause ?? spec.error);
  error.name = spec.error;
  return error;
}

/**
 * Builds a local handler for every Task state of the definition, so the interpreter never invokes
 * a real Lambda function. Scripted states return or throw their results in order, and any other
 * call fails the scenario.
 */
function localHandlers(taskNames, scripted, calls, unexpected) {
  const handlers = {};
  for (const name of taskNames) {
    const answers = [...(scripted[name] ?? [])];
    calls[name] = 0;
    handlers[name] = async (input) => {
      calls[name] += 1;
      const answer = answers.shift();
      if (answer === undefined) {
        unexpected.push(`${name} call ${calls[name]} has no scripted answer`);
        throw lambdaError({ error: 'Crosscheck.UnscriptedCall', cause: `${name} has no scripted result left` });
      }
      if (answer.throw) {
        throw lambdaError(answer.throw);
      }
      return structuredClone(answer.return);
    };
  }
  return handlers;
}

async function runScenario(stateMachine, taskNames, scenario) {
  const input = { ...scenario.input, requestContext: scenarioFile.requestContext };
  const calls = {};
  const unexpected = [];
  const retryWithoutWaiting = Object.fromEntries(taskNames.map((name) => [name, 0]));
  const execution = stateMachine.run(input, {
    overrides: {
      taskResourceLocalHandlers: localHandlers(taskNames, scenario.tasks, calls, unexpected),
      retryIntervalOverrides: retryWithoutWaiting,
    },
    context: { Execution: { Name: scenario.name, Input: input, StartTime: '2026-03-02T10:00:00.000Z' } },
  });
  let output;
  try {
    output = await execution.result;
  } catch (error) {
    output = { executionFailed: { error: error.name, cause: error.message } };
  }

  const problems = [...unexpected];
  if (!isDeepStrictEqual(output, scenario.expectedOutput)) {
    problems.push(`output ${JSON.stringify(output)}\n      expected ${JSON.stringify(scenario.expectedOutput)}`);
  }
  for (const [name, answers] of Object.entries(scenario.tasks)) {
    if (calls[name] !== answers.length) {
      problems.push(`${name} was called ${calls[name]} times, expected ${answers.length}`);
    }
  }
  const callsMade = Object.fromEntries(Object.entries(calls).filter(([, count]) => count > 0));
  return { name: scenario.name, output, calls: callsMade, problems };
}

function outputPath(args) {
  const index = args.indexOf('--out');
  if (index === -1) {
    return null;
  }
  if (index + 1 >= args.length) {
    throw new Error('--out needs a file name, such as --out target/asl-crosscheck.json');
  }
  return args[index + 1];
}

const out = outputPath(process.argv.slice(2));
const definition = JSON.parse(substitutePlaceholders(definitionText));
const stateMachine = new StateMachine(definition);
const taskNames = taskStateNames(definition);

const results = [];
for (const scenario of scenarioFile.scenarios) {
  results.push(await runScenario(stateMachine, taskNames, scenario));
}

if (out) {
  const written = results.map(({ name, output, calls }) => ({ name, output, calls }));
  writeFileSync(out, `${JSON.stringify(written, null, 2)}\n`);
}
let failures = 0;
for (const result of results) {
  if (result.problems.length === 0) {
    console.log(`ok   ${result.name}`);
  } else {
    failures += 1;
    console.log(`FAIL ${result.name}`);
    for (const problem of result.problems) {
      console.log(`      ${problem}`);
    }
  }
}
console.log(`${results.length - failures} of ${results.length} state machine scenarios passed in aws-local-stepfunctions.`);
process.exitCode = failures === 0 ? 0 : 1;
