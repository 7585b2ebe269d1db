/**
 * Sysmon event ids per Sigma log source category, the table every backend's Sysmon pipeline selects events by.
 * SigmaHQ's pySigma-pipeline-sysmon (`sigma/pipelines/sysmon/sysmon.py`, commit 17767479f26b,
 * `sysmon_generic_logsource_eventid_mapping`) gives process_creation to sysmon_error; file_delete there is 23 and 26
 * (FileDelete, archived, and FileDeleteDetected, logged only: both are deletions). Categories pySigma does not list
 * but Sysmon's later events have (file_delete_detected 26, file_block_executable 27, file_block_shredding 28,
 * file_executable_detected 29) follow Sysmon's event names, as pySigma's specific_instead_of_generic_logsource
 * validator names them.
 */
export const SYSMON_CATEGORY_EVENT_IDS: Readonly<Record<string, readonly number[]>> = {
  process_creation: [1],
  file_change: [2],
  network_connection: [3],
  sysmon_status: [4, 16],
  process_termination: [5],
  driver_load: [6],
  image_load: [7],
  create_remote_thread: [8],
  raw_access_thread: [9],
  process_access: [10],
  file_event: [11],
  registry_add: [12],
  registry_delete: [12],
  registry_set: [13],
  registry_rename: [14],
  registry_event: [12, 13, 14],
  create_stream_hash: [15],
  pipe_created: [17, 18],
  wmi_event: [19, 20, 21],
  dns_query: [22],
  file_delete: [23, 26],
  clipboard_capture: [24],
  process_tampering: [25],
  file_delete_detected: [26],
  file_block_executable: [27],
  file_block_shredding: [28],
  file_executable_detected: [29],
  sysmon_error: [255],
};
