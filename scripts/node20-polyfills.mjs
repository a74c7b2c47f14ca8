// Adds Promise.withResolvers (ES2024) where Node lacks it. aws-local-stepfunctions 3.0.0 calls it
// in every Task state and declares Node 22 or newer, which has it. Node 20 does not.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((resolvePromise, rejectPromise) => {
      resolve = resolvePromise;
      reject = rejectPromise;
    });
    return { promise, resolve, reject };
  };
}
