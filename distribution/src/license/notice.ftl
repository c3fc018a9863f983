<#-- NOTICE of AIGC Mark, rendered by license-maven-plugin from the distribution's dependency tree
     (distribution/pom.xml). The committed /NOTICE must equal what this renders: `scripts/update-notice.sh`. -->
AIGC Mark
Copyright 2026 The AIGC Mark authors

This product is licensed under the Apache License, Version 2.0 (see LICENSE).

It bundles the third-party works listed below, each under its own licence. The binary distribution
(aigc-<version>-linux-x86_64.tar.gz) carries each of them as a separate jar in lib/, unmodified, and a Java
runtime (runtime/) made by jlink from OpenJDK, which is licensed under the GNU General Public License,
version 2, with the Classpath Exception (runtime/legal/ holds its notices).

Bundled resource
================

label-font.ttf (inside sdk-image): a subset of WenQuanYi Micro Hei 0.2.0-beta (文泉驿微米黑), used to draw
the visible "AI生成" label. Copyright 2008-2009 The WenQuanYi Project Board of Trustees, Qianqian Fang and
mozbug; based on the Droid fonts, Copyright 2006-2008 Google Corporation and Ascender Corp. Dual-licensed
Apache-2.0 or GPL-3.0-or-later with the font exception; used here under Apache-2.0. Full text:
sdk-image/src/main/resources/dev/aigcmark/image/internal/label/WQY-MICROHEI-LICENSE.txt (also inside the sdk-image jar).

FFmpeg native libraries
=======================

lib/ffmpeg-*-linux-x86_64.jar (from the JavaCPP Presets for FFmpeg, listed below) carries FFmpeg's shared
libraries (libavcodec, libavformat, libavutil, libswscale, libswresample and the codec libraries they link),
built without GPL parts and so licensed under the GNU Lesser General Public License, version 3 or later.
They stay separate .so files, replaceable by the user, as the LGPL requires; FFmpeg's source is at
https://ffmpeg.org/download.html and the build scripts at https://github.com/bytedeco/javacpp-presets.
A build made with -Pgpl carries the -gpl natives instead (libx264, libx265): that distribution as a whole is
then licensed under the GNU General Public License, version 3 (README, "Video").

Third-party libraries, by licence (generated from the dependency tree)
=======================================================================
<#list licenseMap as e>
<#assign license = e.getKey()/>
<#assign projects = e.getValue()/>
<#if projects?size &gt; 0>

${license}:
<#list projects as p>
  - ${p.name!p.artifactId} (${p.groupId}:${p.artifactId}:${p.version})<#if p.url??> ${p.url}</#if>
</#list>
</#if>
</#list>
