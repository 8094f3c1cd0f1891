/** Shown instead of an admin page to someone who is not an admin. */

import ErrorAlert from "../components/error-alert";
import { problemFromCode } from "../api/errors";

export default function Forbidden() {
  return <ErrorAlert error={problemFromCode("FORBIDDEN")} />;
}
