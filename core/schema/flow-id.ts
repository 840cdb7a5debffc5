/**
 * A flow's id in the flows folder, which the designer API accepts and the
 * designer makes from names: 1 to 64 lowercase letters, digits, "-" or "_",
 * starting with a letter or digit. It is also the file name, so nothing that
 * could leave the folder. Here, so the runtime and the designer share it.
 */
export const FLOW_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
