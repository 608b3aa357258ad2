// The MDN HTTP Observatory's scan of one path of a local server: its own scan() without the
// fixed ports 80/443, which a server on 127.0.0.1 for measuring does not listen on.
// node tests/perf/observatory.mjs HOSTNAME HTTP_PORT HTTPS_PORT PATH  ->  JSON on stdout
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import { getGradeForScore, getScoreModifier } from "@mdn/mdn-http-observatory/src/grader/grader.js";
import { retrieve } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";

const [hostname, httpPort, httpsPort, path] = process.argv.slice(2);
const retrieved = await retrieve(hostname, { httpPort, httpsPort, path });
if (!retrieved.responses.auto) {
  console.log(JSON.stringify({ error: "no response" }));
  process.exit(1);
}
// As scan() does: extra credit only once the score without it is an A.
let withExtraCredit = 100;
let uncurved = 100;
const tests = {};
for (const test of ALL_TESTS) {
  const result = test(retrieved);
  if (result.result) {
    const modifier = getScoreModifier(result.result);
    withExtraCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    tests[result.constructor.name] = { result: result.result, pass: result.pass, modifier };
  }
}
const final = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved);
console.log(JSON.stringify({ grade: final.grade, score: final.score, status: retrieved.responses.auto.status, tests }));
