/**
 * The catalog the end-to-end tests run against: one healthy simulator, and simulators that fail
 * the way real providers do, each only a base URL away.
 */
export const TEST_CATALOG = `
providers:
  sim:
    name: Simulator
    family: openai-compatible
    base_url: '{{SIMULATOR}}/v1'
  sim-down:
    name: Down Simulator
    family: openai-compatible
    base_url: '{{SIMULATOR}}/scenario/fail=500/v1'
  sim-cut:
    name: Cut Simulator
    family: openai-compatible
    base_url: '{{SIMULATOR}}/scenario/cut=3/v1'
models:
  test/echo:
    name: Test Echo
    context_length: 4096
    supported_parameters: [max_tokens, tools, tool_choice]
    endpoints:
      - provider: sim
        upstream_model: echo
        pricing: { prompt: 1, completion: 2 }
  test/down:
    name: Test Down
    context_length: 4096
    endpoints:
      - provider: sim-down
        upstream_model: echo
        pricing: { prompt: 3, completion: 3 }
  test/cut:
    name: Test Cut
    context_length: 4096
    endpoints:
      - provider: sim-cut
        upstream_model: echo
        pricing: { prompt: 1, completion: 1 }
`;

/** USD for a simulator answer priced like test/echo (1 and 2 USD per million tokens). */
export const echoCost = (promptTokens: number, completionTokens: number) =>
  (promptTokens * 1 + completionTokens * 2) / 1e6;
