// Built-in variables of each flow type that the model's expressions may read, with their Archy
// types. From Genesys's Architect documentation of each flow type's built-in variables and the
// real exports in ../shared/archy-corpus.
export const CALL_BUILTINS: Readonly<Record<string, string>> = {
  "Call.Ani": "string",
  "Call.CalledAddress": "string",
  "Call.CalledAddressOriginal": "string",
  "Call.ConversationId": "string",
  "Call.RemoteName": "string",
  "Call.UUIData": "string",
};
export const IN_QUEUE_CALL_BUILTINS: Readonly<Record<string, string>> = {
  ...CALL_BUILTINS,
  "Call.EstimatedWaitTime": "duration",
  "Call.PositionInQueue": "integer",
};
export const EMAIL_BUILTINS: Readonly<Record<string, string>> = {
  "Email.Message.subject": "string",
  "Email.Message.body": "string",
  "Email.Message.from": "string",
  "Email.ConversationId": "string",
};
export const MESSAGE_BUILTINS: Readonly<Record<string, string>> = {
  "Message.Message.body": "string",
  "Message.ConversationId": "string",
  "Message.IsNewConversation": "boolean",
  "Message.RemoteAddress": "string",
};
