public enum SocleQueryPlaceholder {}
