/** Files written so that no one else can read them and no one sees them half-written. */
package dev.nas.core.io;
