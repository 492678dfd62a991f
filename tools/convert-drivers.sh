# SPDX-License-Identifier: MIT
#
# The ten drm_sched drivers of the 6.12 tree that make convert converts:
# their folder (DIRS) and Kconfig symbol (SYMS), and all of them in order
# (ALL). Sourced by tools/convert.sh and tools/convert-build.sh.
# shellcheck disable=SC2034

declare -A DIRS=(
	[amdgpu]=drivers/gpu/drm/amd/amdgpu
	[etnaviv]=drivers/gpu/drm/etnaviv
	[imagination]=drivers/gpu/drm/imagination
	[lima]=drivers/gpu/drm/lima
	[msm]=drivers/gpu/drm/msm
	[nouveau]=drivers/gpu/drm/nouveau
	[panfrost]=drivers/gpu/drm/panfrost
	[panthor]=drivers/gpu/drm/panthor
	[v3d]=drivers/gpu/drm/v3d
	[xe]=drivers/gpu/drm/xe
)
declare -A SYMS=(
	[amdgpu]=DRM_AMDGPU [etnaviv]=DRM_ETNAVIV [imagination]=DRM_POWERVR
	[lima]=DRM_LIMA [msm]=DRM_MSM [nouveau]=DRM_NOUVEAU
	[panfrost]=DRM_PANFROST [panthor]=DRM_PANTHOR [v3d]=DRM_V3D
	[xe]=DRM_XE
)
ALL="amdgpu etnaviv imagination lima msm nouveau panfrost panthor v3d xe"
