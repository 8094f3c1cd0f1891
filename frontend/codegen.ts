import type { CodegenConfig } from "@graphql-codegen/cli";

// Operations live next to the hooks that use them; the generated types go to src/gql.
const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { Date: "string", DateTime: "string", JSON: "unknown" },
        skipTypename: false,
      },
    },
  },
  hooks: {},
};

export default config;
